# Forecasting from windows: the dataset's time axis is unknown to Keras until it runs.
import numpy as np
import keras

temperature = np.random.rand(300, 4).astype("float32")
sequence_length = 24
train_ds = keras.utils.timeseries_dataset_from_array(
    temperature[:-sequence_length],
    temperature[sequence_length:, 0],
    sequence_length=sequence_length,
    sampling_rate=1,
    batch_size=32,
)

inputs = keras.Input(shape=(48, 4))
x = keras.layers.LSTM(8)(inputs)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(train_ds, epochs=1, verbose=0)
