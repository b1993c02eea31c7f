# Sentiment from a folder of reviews: strings in, a TextVectorization layer inside the pipeline.
import tensorflow as tf
from tensorflow.keras import layers

raw_train_ds = tf.keras.utils.text_dataset_from_directory(
    "data/movie_reviews", batch_size=2, seed=42)
print(raw_train_ds.class_names)

max_features = 100
sequence_length = 20
vectorize_layer = layers.TextVectorization(
    max_tokens=max_features,
    output_mode="int",
    output_sequence_length=sequence_length)
vectorize_layer.adapt(raw_train_ds.map(lambda x, y: x))

def vectorize_text(text, label):
    text = tf.expand_dims(text, -1)
    return vectorize_layer(text), label

train_ds = raw_train_ds.map(vectorize_text)

model = tf.keras.Sequential([
    layers.Input(shape=(sequence_length,)),
    layers.Embedding(max_features, 8),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(train_ds, epochs=1, verbose=0)
