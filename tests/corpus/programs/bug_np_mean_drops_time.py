import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Input, LSTM, Dense

sequences = np.random.rand(40, 25, 6)
# Standardise each feature.
sequences = (sequences - sequences.mean(axis=1)) / sequences.std(axis=1)
targets = np.random.rand(40, 1)

model = Sequential([Input(shape=(25, 6)), LSTM(10), Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(sequences, targets, epochs=1, verbose=0)
