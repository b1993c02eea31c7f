import tensorflow as tf

IMAGE_SIZE = (16, 16)


def preprocess(path):
    image = tf.io.decode_png(tf.io.read_file(path))  # cause
    image = tf.image.resize(image, IMAGE_SIZE)
    return image / 255.0


model = tf.keras.Sequential([
    tf.keras.Input(shape=IMAGE_SIZE + (3,)),
    tf.keras.layers.Conv2D(8, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(4, activation="softmax"),
])

image = preprocess("data/images/logo.png")
scores = model(tf.expand_dims(image, 0))
print(tf.argmax(scores, axis=-1))
