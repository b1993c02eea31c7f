import numpy as np
import keras

series = np.random.rand(100).astype("float32")
windows = np.stack([series[i:i + 10] for i in range(80)])
x = np.expand_dims(windows, -1)
y = series[10:90]

model = keras.Sequential([
    keras.layers.GRU(16, input_shape=(10, 1)),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=1, batch_size=16, verbose=0)
print(model.predict(x[:1], verbose=0))
