import tensorflow as tf
from tensorflow.keras import layers

features = tf.random.uniform((64, 10, 6))
targets = tf.random.uniform((64,), maxval=3, dtype=tf.int32)
train_ds = tf.data.Dataset.from_tensor_slices((features, targets)).batch(16)

model = tf.keras.Sequential([
    layers.Input(shape=(10, 6)),
    layers.Conv1D(8, 3, activation="relu"),
    layers.GlobalAveragePooling1D(),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
model.evaluate(train_ds, verbose=0)
