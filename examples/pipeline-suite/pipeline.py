"""Sensor-readings pipeline used as the upgrade-harness example.

Reads data/readings.csv (half-hourly readings from three sites) and
data/calibration.csv, calibrates the readings, weights event counts, and
writes three outputs into --out DIR:

  summary.json    overall and per-site figures
  daily.csv       one row per site and day
  calibrated.npy  the calibrated readings, in file order

The code is written the way a team on pandas 1.5 / numpy 1.26 would have
written it; see EXPECTED.md for what the upgrade to pandas 2.2 / numpy 2.1
does to it. Some helpers (append_batch, column_types, site_means) are only
used by other tooling and by the tests, not by main().
"""
from __future__ import annotations

import argparse
import json
import os
import warnings

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


def load_readings(path: str | None = None) -> pd.DataFrame:
    """Load readings; rows without a site are dropped with a UserWarning."""
    path = path or os.path.join(DATA, "readings.csv")
    df = pd.read_csv(path, parse_dates=["timestamp"], dtype={"sensor_id": "int32"})
    missing = df["site"].isna()
    if missing.any():
        warnings.warn(f"dropping {int(missing.sum())} rows without a site", UserWarning)
        df = df[~missing].reset_index(drop=True)
    return df


def load_calibration(path: str | None = None) -> pd.DataFrame:
    return pd.read_csv(path or os.path.join(DATA, "calibration.csv"))


def calibrate(df: pd.DataFrame, cal: pd.DataFrame) -> np.ndarray:
    """Raw values are stored as float32 to save memory; apply the gain.

    `factor` is a numpy float64 scalar. numpy 1.x (value-based casting) keeps
    the result float32; numpy 2 (NEP 50) promotes it to float64.
    """
    raw = df["value"].to_numpy(dtype=np.float32)
    factor = cal["factor"].iloc[0]
    return raw * factor


def weighted_events(df: pd.DataFrame, cal: pd.DataFrame) -> np.ndarray:
    """Event counts (0..255, stored as uint8) times the event weight.

    numpy 1.x keeps uint8 and silently wraps above 255; numpy 2 promotes to
    int64 and gets the right answer.
    """
    counts = df["events"].to_numpy(dtype=np.uint8)
    weight = cal["event_weight"].iloc[0]
    return counts * weight


def fill_gaps(series: pd.Series) -> pd.Series:
    """Forward-fill missing readings (FutureWarning on pandas >= 2.1)."""
    return series.fillna(method="ffill")


def hourly(df: pd.DataFrame, column: str = "calibrated") -> pd.DataFrame:
    """Hourly means per site ('H' alias: FutureWarning on pandas >= 2.2)."""
    return (
        df.set_index("timestamp")
        .groupby("site")[column]
        .resample("H")
        .mean()
        .reset_index()
    )


def site_stats(df: pd.DataFrame) -> pd.DataFrame:
    """Per-site stats via groupby.apply (DeprecationWarning on pandas >= 2.2)."""

    def stats(g: pd.DataFrame) -> pd.Series:
        return pd.Series(
            {"n": len(g), "mean": g["calibrated"].mean(), "sites": g["site"].nunique()}
        )

    return df.groupby("site").apply(stats)


def site_means(df: pd.DataFrame) -> pd.DataFrame:
    """Mean of every numeric column per site.

    Relies on pandas 1.x silently dropping the non-numeric `status` column
    (numeric_only default); pandas 2 raises TypeError instead.
    """
    return df.drop(columns=["timestamp"]).groupby("site").mean()


def append_batch(df: pd.DataFrame, batch: pd.DataFrame) -> pd.DataFrame:
    """Append a late batch (DataFrame.append: removed in pandas 2.0)."""
    return df.append(batch, ignore_index=True)


def column_types(df: pd.DataFrame) -> dict:
    """Column name -> dtype name (DataFrame.iteritems: removed in pandas 2.0)."""
    return {name: str(col.dtype) for name, col in df.iteritems()}


def dedupe_readings(df: pd.DataFrame) -> pd.DataFrame:
    """One reading per (timestamp, site); a later row is a correction and wins.

    BUG (pre-existing, independent of versions): keeps the first row, not the
    last one.
    """
    return df.drop_duplicates(subset=["timestamp", "site"], keep="first").reset_index(drop=True)


def index_by_sensor(df: pd.DataFrame) -> pd.DataFrame:
    """Index readings by their int32 sensor id.

    pandas 1.5 widens an int32 index to int64; pandas 2 keeps int32.
    """
    return df.set_index("sensor_id")


def daily_summary(df: pd.DataFrame) -> pd.DataFrame:
    out = (
        df.set_index("timestamp")
        .groupby("site")
        .resample("D")
        .agg({"calibrated": ["mean", "max"], "weighted_events": "sum"})
    )
    out.columns = ["mean_calibrated", "max_calibrated", "weighted_events"]
    out = out.reset_index()
    out["date"] = out["timestamp"].dt.strftime("%Y-%m-%d")
    return out[["site", "date", "mean_calibrated", "max_calibrated", "weighted_events"]]


def run(out_dir: str) -> dict:
    df = load_readings()
    cal = load_calibration()
    df["value"] = fill_gaps(df["value"])
    calibrated = calibrate(df, cal)
    df["calibrated"] = calibrated
    df["weighted_events"] = weighted_events(df, cal)

    daily = daily_summary(df)
    per_site = site_stats(df)
    hourly_means = hourly(df)

    summary = {
        "row_count": int(len(df)),
        "sites": sorted(df["site"].unique().tolist()),
        "first_timestamp": str(df["timestamp"].min()),
        "hours": int(hourly_means["timestamp"].nunique()),
        "mean_calibrated": float(np.mean(calibrated)),
        "max_calibrated": float(np.max(calibrated)),
        "weighted_events_total": int(df["weighted_events"].sum()),
        "per_site": {
            site: {
                "n": int(row["n"]),
                "mean_calibrated": float(row["mean"]),
            }
            for site, row in per_site.iterrows()
        },
    }

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
    daily.to_csv(os.path.join(out_dir, "daily.csv"), index=False)
    np.save(os.path.join(out_dir, "calibrated.npy"), calibrated)
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="folder to write outputs into")
    args = p.parse_args(argv)
    run(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
