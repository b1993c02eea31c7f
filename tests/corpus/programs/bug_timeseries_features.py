# Windows of a 3-sensor series fed to a model declared for 5 sensors.
import numpy as np
import keras

series = np.random.rand(200, 3).astype("float32")
targets = np.random.rand(200).astype("float32")
train_ds = keras.utils.timeseries_dataset_from_array(
    series[:-10], targets[10:], sequence_length=10, batch_size=16)

inputs = keras.Input(shape=(10, 5))  # cause
x = keras.layers.LSTM(16)(inputs)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(train_ds, epochs=1, verbose=0)
