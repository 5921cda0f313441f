import json
import os

import numpy as np
import pandas as pd
import pytest

import pipeline

PANDAS_MAJOR = int(pd.__version__.split(".")[0])


# ---- pass on both sides -------------------------------------------------

def test_load_drops_rows_without_site(readings):
    # pipeline emits a UserWarning on both sides (a pre-existing warning)
    assert len(readings) == 289
    assert set(readings["site"]) == {"north", "south", "east"}


def test_calibrate_applies_factor(readings, cal):
    out = pipeline.calibrate(readings, cal)
    expected = readings["value"].to_numpy() * 1.0137
    np.testing.assert_allclose(out, expected, rtol=1e-6, equal_nan=True)


@pytest.mark.parametrize("site", ["north", "south", "east"])
def test_fill_gaps_leaves_no_nan(readings, site):
    # fillna(method=...) -> FutureWarning on pandas >= 2.1 only
    series = readings.loc[readings["site"] == site, "value"]
    assert not pipeline.fill_gaps(series).isna().any()


def test_hourly_has_48_hours_per_site(readings, cal):
    # resample("H") -> FutureWarning on pandas >= 2.2 only
    readings["calibrated"] = pipeline.calibrate(readings, cal)
    out = pipeline.hourly(readings)
    assert out.groupby("site")["timestamp"].nunique().tolist() == [48, 48, 48]


def test_site_stats_counts(readings, cal):
    # groupby.apply on grouping columns -> DeprecationWarning on pandas >= 2.2 only
    readings["calibrated"] = pipeline.calibrate(readings, cal)
    stats = pipeline.site_stats(readings)
    assert stats.loc["south", "n"] == 97


def test_pipeline_writes_outputs(tmp_path):
    summary = pipeline.run(str(tmp_path))
    assert sorted(os.listdir(tmp_path)) == ["calibrated.npy", "daily.csv", "summary.json"]
    with open(tmp_path / "summary.json") as f:
        assert json.load(f)["row_count"] == summary["row_count"] == 289


# ---- pass on baseline, fail on candidate (APIs removed in pandas 2) ------

def test_append_late_batch(readings, late_batch):
    out = pipeline.append_batch(readings, late_batch)
    assert len(out) == len(readings) + 2


def test_column_types(readings):
    types = pipeline.column_types(readings)
    assert types["value"] == "float64"


def test_site_means_ignores_text_columns(readings):
    means = pipeline.site_means(readings)
    assert "status" not in means.columns
    assert means.loc["south", "value"] > means.loc["north", "value"]


def test_combined_includes_late_rows(combined):
    # ERROR (fixture setup) on the candidate, pass on the baseline
    assert combined["timestamp"].max() == pd.Timestamp("2024-03-03 00:00")


# ---- fail on both sides (pre-existing bug) ------------------------------

def test_dedupe_keeps_latest_correction(readings):
    out = pipeline.dedupe_readings(readings)
    row = out[(out["site"] == "south") & (out["timestamp"] == "2024-03-01 01:00")]
    assert len(row) == 1
    assert row["value"].iloc[0] == 19.5


# ---- fail on baseline, pass on candidate (fixed by the upgrade) ---------

def test_weighted_events_do_not_overflow(readings, cal):
    weighted = pipeline.weighted_events(readings, cal)
    assert int(weighted.sum()) == int(readings["events"].sum()) * 3


def test_sensor_index_stays_int32(readings):
    assert pipeline.index_by_sensor(readings).index.dtype == np.int32


# ---- one side only -------------------------------------------------------

@pytest.mark.skipif(PANDAS_MAJOR >= 2, reason="DataFrame.append was removed in pandas 2")
def test_legacy_append_preserves_columns(readings, late_batch):
    # passes on baseline, SKIPPED on candidate
    assert list(pipeline.append_batch(readings, late_batch).columns) == list(readings.columns)


def test_nullable_typing_namespace():
    # pandas.api.typing exists from pandas 2.1: SKIPPED on baseline (importorskip)
    typing = pytest.importorskip("pandas.api.typing")
    assert hasattr(typing, "DataFrameGroupBy")


if hasattr(pd.DataFrame, "map"):  # DataFrame.map exists from pandas 2.1

    def test_format_table_with_dataframe_map(readings):
        # only COLLECTED on the candidate: absent from the baseline run entirely
        formatted = readings[["value"]].head(3).map(lambda v: f"{v:.1f}")
        assert formatted["value"].tolist() == ["22.2", "22.4", "19.5"]
