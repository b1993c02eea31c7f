# A bag-of-words model: multi-hot vectors as wide as max_tokens when padded to it.
import tensorflow as tf
from tensorflow import keras

raw_ds = keras.utils.text_dataset_from_directory("data/movie_reviews", batch_size=4, label_mode="binary")

vectorizer = keras.layers.TextVectorization(max_tokens=64, output_mode="multi_hot", pad_to_max_tokens=True)
vectorizer.adapt(raw_ds.map(lambda x, y: x))
bow_ds = raw_ds.map(lambda x, y: (vectorizer(x), y))

inputs = keras.Input(shape=(64,))
hidden = keras.layers.Dense(16, activation="relu")(inputs)
outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(bow_ds, epochs=1, verbose=0)
