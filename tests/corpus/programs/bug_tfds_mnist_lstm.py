# Rows of an MNIST digit as time steps: TFDS images keep their channel axis, (28, 28, 1).
import tensorflow as tf
import tensorflow_datasets as tfds

ds_train = tfds.load("mnist", split="train", as_supervised=True, shuffle_files=True)

def normalize_img(image, label):
    return tf.cast(image, tf.float32) / 255.0, label

ds_train = ds_train.map(normalize_img).batch(4)

model = tf.keras.Sequential([
    tf.keras.layers.LSTM(32),
    tf.keras.layers.Dense(10),
])
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(ds_train, epochs=1, verbose=0)
