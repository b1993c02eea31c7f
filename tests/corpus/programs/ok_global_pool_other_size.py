import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(16, 3, activation="relu", input_shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(16, 3, activation="relu"),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(5, activation="softmax"),
])

# Declared for 32x32, but global pooling makes the head size-independent.
big = tf.random.uniform((2, 64, 48, 3))
print(model(big).shape)
print(model.predict(tf.random.uniform((3, 20, 20, 3)), verbose=0).shape)
