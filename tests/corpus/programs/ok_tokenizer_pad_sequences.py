# Tokenize, pad to a fixed length, embed: the vocabulary size is only known at run time.
import numpy as np
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

sentences = ["I love my dog", "I love my cat", "You love my dog!", "Do you think my dog is amazing?"]
labels = np.array([1, 1, 1, 0])

tokenizer = Tokenizer(num_words=100, oov_token="<OOV>")
tokenizer.fit_on_texts(sentences)
word_index = tokenizer.word_index
sequences = tokenizer.texts_to_sequences(sentences)
padded = pad_sequences(sequences, maxlen=10, padding="post", truncating="post")

model = keras.Sequential([
    keras.Input(shape=(10,)),
    keras.layers.Embedding(len(word_index) + 1, 8),
    keras.layers.Flatten(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(padded, labels, epochs=1, verbose=0)
