# Augmenting CIFAR-10 batches on the fly; labels one-hot encoded without naming the class count.
import keras
from tensorflow.keras.preprocessing.image import ImageDataGenerator

(x_train, y_train), _ = keras.datasets.cifar10.load_data()
x_train = x_train[:64].astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train[:64])

datagen = ImageDataGenerator(rotation_range=15, horizontal_flip=True)
datagen.fit(x_train)

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.GlobalMaxPooling2D(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(datagen.flow(x_train, y_train, batch_size=16), epochs=1, verbose=0)
