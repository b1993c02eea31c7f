# Reuters topics: padded newswires, integer labels with a sparse loss over 46 topics.
import numpy as np
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences

(train_data, train_labels), (test_data, test_labels) = keras.datasets.reuters.load_data(num_words=5000)
x_train = pad_sequences(train_data, maxlen=80, padding="post")
x_test = pad_sequences(test_data, maxlen=80, padding="post")

model = keras.Sequential([
    keras.Input(shape=(80,)),
    keras.layers.Embedding(5000, 16),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(46, activation="softmax"),
])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train[:128], train_labels[:128], epochs=1, batch_size=32, verbose=0)
model.evaluate(x_test[:64], test_labels[:64], verbose=0)
