import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Input

# Predict a house price from 8 features.
X = np.random.rand(100, 8)
prices = np.random.rand(100) * 500

model = Sequential()
model.add(Input(shape=(8,)))
model.add(Dense(64, activation="relu"))
model.add(Dense(5))  # cause
model.compile(optimizer="adam", loss="mean_squared_error")
model.fit(X, prices, batch_size=32, validation_split=0.2, epochs=1, verbose=0)
