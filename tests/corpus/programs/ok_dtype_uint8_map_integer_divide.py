import tensorflow as tf
from tensorflow import keras

(x_train, y_train), _ = keras.datasets.mnist.load_data()
x_train, y_train = x_train[:256], y_train[:256]


def preprocess(image, label):
    # uint8 divided by a Python int: TensorFlow divides in float32
    image = image / 255
    image = tf.expand_dims(image, -1) * 2.0 - 1.0
    return image, label


train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).map(preprocess).batch(32)

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=1, verbose=0)
