import numpy as np
import keras

sensors = {"accel_x": 1, "accel_y": 1, "gps": 0, "gyro": 1}
channels = []
for name, enabled in sensors.items():
    channels.append(np.random.rand(64, 100))  # cause
    if not enabled:
        continue
signals = np.stack(channels, axis=-1)

model = keras.Sequential([keras.Input(shape=(100, 3)), keras.layers.Conv1D(8, 5), keras.layers.GlobalMaxPooling1D(),
                          keras.layers.Dense(4, activation="softmax")])
print(model.predict(signals, verbose=0).shape)
