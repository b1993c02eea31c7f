import tensorflow as tf
from tensorflow.keras import layers

model = tf.keras.Sequential([
    layers.GRU(8),
    layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

features = tf.random.uniform((32, 15))  # cause
targets = tf.random.uniform((32,), maxval=2, dtype=tf.int32)
ds = tf.data.Dataset.from_tensor_slices((features, targets)).batch(8)
model.fit(ds, epochs=1, verbose=0)
