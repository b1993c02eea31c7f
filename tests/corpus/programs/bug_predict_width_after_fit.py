import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense

model = Sequential()
model.add(Dense(16, activation="relu"))
model.add(Dense(1))
model.compile(optimizer="adam", loss="mse")

x = np.random.rand(30, 8)
model.fit(x, np.random.rand(30, 1), epochs=1, verbose=0)

x_new = np.random.rand(5, 10)  # cause
print(model.predict(x_new, verbose=0))
