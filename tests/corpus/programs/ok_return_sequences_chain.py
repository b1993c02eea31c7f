import numpy as np
from tensorflow.keras.layers import LSTM, GRU, Dense
from tensorflow.keras.models import Sequential

model = Sequential()
model.add(LSTM(32, return_sequences=True, input_shape=(15, 4)))
model.add(GRU(16, return_sequences=True))
model.add(LSTM(8))
model.add(Dense(1))
model.compile(optimizer="adam", loss="mae")

x = np.random.randn(10, 15, 4)
y = np.random.randn(10, 1)
model.fit(x, y, epochs=1, batch_size=5, verbose=0)
