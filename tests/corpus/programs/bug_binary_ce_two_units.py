import numpy as np
from tensorflow.keras.layers import Dense, Dropout, Input
from tensorflow.keras.models import Sequential

model = Sequential([
    Input(shape=(12,)),
    Dense(24, activation="relu"),
    Dropout(0.2),
    Dense(2, activation="sigmoid"),  # cause
])
model.compile(loss="binary_crossentropy", optimizer="adam")

x = np.random.random((20, 12))
y = np.random.randint(0, 2, size=(20, 1))
model.fit(x, y, epochs=1, verbose=0)
