# IMDB reviews from TFDS are raw strings: vectorize them inside the model.
import tensorflow as tf
import tensorflow_datasets as tfds

train_data, test_data = tfds.load("imdb_reviews", split=["train", "test"], as_supervised=True)
train_batches = train_data.shuffle(16).batch(4)

encoder = tf.keras.layers.TextVectorization(max_tokens=200, output_sequence_length=16)
encoder.adapt(train_data.map(lambda text, label: text))

model = tf.keras.Sequential([
    tf.keras.Input(shape=(), dtype=tf.string),
    encoder,
    tf.keras.layers.Embedding(200, 8),
    tf.keras.layers.GlobalAveragePooling1D(),
    tf.keras.layers.Dense(1),
])
model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True), optimizer="adam")
model.fit(train_batches, epochs=1, verbose=0)
