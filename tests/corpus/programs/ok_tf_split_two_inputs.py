import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

features = tf.random.normal((32, 12))
labels = tf.random.uniform((32, 1), maxval=2, dtype=tf.int32)
numeric, categorical = tf.split(features, [8, 4], axis=-1)

num_in = keras.Input(shape=(8,), name="numeric")
cat_in = keras.Input(shape=(4,), name="categorical")
x = layers.concatenate([layers.Dense(8)(num_in), layers.Dense(8)(cat_in)])
out = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model([num_in, cat_in], out)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([numeric, categorical], labels, epochs=1, verbose=0)
