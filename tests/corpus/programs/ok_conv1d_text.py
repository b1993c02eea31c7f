import numpy as np
from tensorflow.keras.layers import Conv1D, Dense, Embedding, GlobalMaxPooling1D, MaxPooling1D
from tensorflow.keras.models import Sequential

model = Sequential([
    Embedding(500, 16),
    Conv1D(32, 5, activation="relu"),
    MaxPooling1D(2),
    Conv1D(32, 3, activation="relu"),
    GlobalMaxPooling1D(),
    Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")

reviews = np.random.randint(0, 500, size=(20, 40))
sentiment = np.random.randint(0, 2, size=(20,))
model.fit(reviews, sentiment, epochs=1, verbose=0)
