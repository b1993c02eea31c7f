import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Input, Embedding, LSTM, Dense

texts = ["good movie", "bad movie", "great acting", "boring plot"]
labels = np.array([1, 0, 1, 0])

word_index = {}
for text in texts:
    for word in text.split():
        word_index.setdefault(word, len(word_index) + 1)

max_words = 1000
embedding_dim = 50
# Pretrained vectors (GloVe-style), one row per word index.
embedding_matrix = np.zeros((max_words, embedding_dim))
for word, i in word_index.items():
    if i < max_words:
        embedding_matrix[i] = np.random.rand(embedding_dim)

sequences = np.random.randint(0, len(word_index) + 1, size=(4, 20))

model = Sequential([
    Input(shape=(20,)),
    Embedding(max_words, embedding_dim, weights=[embedding_matrix], trainable=False),
    LSTM(16),
    Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(sequences, labels, epochs=1, verbose=0)
