import tensorflow as tf

input_tensor = tf.random.normal(shape=(32, 28, 28, 3))

model = tf.keras.models.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 28, 28, 3)),  # cause
    tf.keras.layers.MaxPool2D((2, 2)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])

output = model(input_tensor)
print(output.shape)
