# Reviews vectorized to 50 tokens, the functional model declared for 100.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

raw_train_ds = keras.utils.text_dataset_from_directory("data/movie_reviews", batch_size=2)

vectorize_layer = layers.TextVectorization(max_tokens=200, output_mode="int",
                                           output_sequence_length=50)  # cause
vectorize_layer.adapt(raw_train_ds.map(lambda text, label: text))
train_ds = raw_train_ds.map(lambda text, label: (vectorize_layer(text), label))

inputs = keras.Input(shape=(100,), dtype="int64")
x = layers.Embedding(200, 16)(inputs)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
