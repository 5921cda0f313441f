import os
import sys

import pandas as pd
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import pipeline  # noqa: E402


@pytest.fixture
def readings():
    return pipeline.load_readings()


@pytest.fixture
def cal():
    return pipeline.load_calibration()


@pytest.fixture
def late_batch():
    return pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2024-03-03 00:00", "2024-03-03 00:00"]),
            "site": ["north", "south"],
            "sensor_id": [101, 202],
            "value": [20.0, 23.0],
            "events": [70, 80],
            "status": ["ok", "ok"],
        }
    )


@pytest.fixture
def combined(readings, late_batch):
    # Fixture that breaks on pandas 2: the test using it ERRORs at setup.
    return pipeline.append_batch(readings, late_batch)
