import numpy as np
import keras

model = keras.Sequential()
model.add(keras.Input(shape=(20, 3)))
model.add(keras.layers.LSTM(8))
model.add(keras.layers.Dense(1))
model.compile(optimizer="adam", loss="mse")

series = np.random.randn(20, 3)  # cause
forecast = model.predict(series, verbose=0)
print(forecast)
