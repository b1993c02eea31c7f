import numpy as np
import keras

# (samples, time, freq, 1) spectrograms; the 1-D model reads (time, freq).
spec_shape = [6, 40, 20, 1]
del spec_shape[1]  # cause
specs = np.zeros(spec_shape, dtype="float32")

model = keras.Sequential([
    keras.Input(shape=(40, 20)),
    keras.layers.Conv1D(8, 5, activation="relu"),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(3),
])
print(model(specs).shape)
