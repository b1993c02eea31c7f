import numpy as np
from lib.builders import build_lstm

# Windows are (samples, 12) without a feature axis; Keras adds the trailing
# axis of size 1 the model's Input declares.
series = np.random.rand(120).astype("float32")
window = 12
X = np.array([series[i:i + window] for i in range(len(series) - window)])
y = series[window:]

model = build_lstm(timesteps=window, features=1)
model.fit(X, y, epochs=1, verbose=0)
