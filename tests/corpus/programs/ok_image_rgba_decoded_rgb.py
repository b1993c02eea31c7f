import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(4, 3, activation="relu"),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(2, activation="softmax"),
])


def load(path):
    raw = tf.io.read_file(path)
    image = tf.image.decode_png(raw, channels=3)  # drops the logo's alpha channel
    return tf.image.resize(image, (32, 32)) / 255.0


logo = load("data/images/logo.png")
photo = tf.image.resize(tf.io.decode_jpeg(tf.io.read_file("data/images/photo.jpg")), [32, 32])
batch = tf.stack([logo, photo / 255.0])
print(model.predict(batch, verbose=0).shape)
