import tensorflow as tf

# A grayscale digit classifier, later fed colour images.
model = tf.keras.models.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),  # cause
    tf.keras.layers.MaxPool2D((2, 2)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])

images = tf.random.normal(shape=(1, 28, 28, 3))
probs = model(images)
print(probs.shape)
