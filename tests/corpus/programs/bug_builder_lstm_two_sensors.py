import numpy as np
from lib.builders import build_lstm

temperature = np.random.rand(100, 24)
humidity = np.random.rand(100, 24)
target = np.random.rand(100, 1)

X = np.concatenate([temperature, humidity], axis=1)  # cause
model = build_lstm(24, 2)
model.fit(X, target, epochs=1, verbose=0)
