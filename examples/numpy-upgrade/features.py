"""A feature-scaling step written against numpy 1.x, as many production pipelines still are."""

import numpy as np


def standardize(values):
    # np.float_ was an alias of np.float64; numpy 2.0 removed it (NEP 52).
    array = np.asarray(values, dtype=np.float_)
    return (array - array.mean()) / array.std()


if __name__ == "__main__":
    scaled = standardize([3.0, 5.0, 7.0, 9.0])
    print("scaled:", np.round(scaled, 3).tolist())
