import numpy as np
from lib.builders import build_lstm

series = np.random.rand(200).astype("float32")
window = 10
X = np.stack([series[i:i + window] for i in range(len(series) - window)])
y = series[window:]
X = X[..., np.newaxis]

model = build_lstm(window, 1, units=8)
model.fit(X, y, epochs=1, verbose=0)
