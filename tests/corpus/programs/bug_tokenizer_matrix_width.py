# Bag-of-words features from the Tokenizer: num_words sets the width, the model says 500.
import numpy as np
import tensorflow as tf
from tensorflow.keras.preprocessing.text import Tokenizer

texts = ["the service was great", "awful food and slow service", "great value", "never again"]
labels = np.array([1, 0, 1, 0])

tokenizer = Tokenizer(num_words=1000)  # cause
tokenizer.fit_on_texts(texts)
x_train = tokenizer.texts_to_matrix(texts, mode="binary")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(500,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x_train, labels, epochs=1, verbose=0)
