# IMDB sentiment: reviews padded to 200 words, the functional model declared for 256.
import keras
from keras import layers
from keras.datasets import imdb
from keras.utils import pad_sequences

vocab_size = 10000
maxlen = 200
(x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=vocab_size)
x_train = pad_sequences(x_train, maxlen=maxlen)  # cause

inputs = keras.Input(shape=(256,), dtype="int32")
x = layers.Embedding(vocab_size, 16)(inputs)
x = layers.Bidirectional(layers.LSTM(8))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train[:64], y_train[:64], batch_size=32, epochs=1, verbose=0)
