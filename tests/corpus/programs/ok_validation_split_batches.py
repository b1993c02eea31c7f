import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Input

# 16 readings per sample; the model outputs one value per reading.
X = np.random.rand(32, 16)
y = np.random.rand(32)

model = Sequential([Input(shape=(16,)), Dense(32, activation="relu"), Dense(16)])
model.compile(optimizer="adam", loss="mse")
# Half the samples are held out: the 16 left form one batch of 16, which broadcasts against (16, 16).
model.fit(X, y, batch_size=32, validation_split=0.5, epochs=1, verbose=0)
