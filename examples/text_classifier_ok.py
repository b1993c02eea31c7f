"""A correct sequence classifier: embeddings, a bidirectional LSTM, one-hot labels."""
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, models

vocabulary, length, classes = 5000, 80, 3
tokens = np.random.randint(0, vocabulary, size=(256, length))
labels = tf.keras.utils.to_categorical(np.random.randint(0, classes, size=(256,)), classes)


def build_model(units=32):
    model = models.Sequential()
    model.add(layers.Input(shape=(length,)))
    model.add(layers.Embedding(vocabulary, 64))
    model.add(layers.Bidirectional(layers.LSTM(units)))
    model.add(layers.Dense(classes, activation="softmax"))
    return model


model = build_model()
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(tokens, labels, batch_size=32, epochs=1)
