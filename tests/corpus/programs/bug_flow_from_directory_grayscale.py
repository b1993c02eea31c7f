# Augmented training from a folder: the generator yields grayscale, the CNN expects RGB.
import tensorflow as tf
from tensorflow.keras.preprocessing.image import ImageDataGenerator

train_datagen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True, zoom_range=0.2)
train_generator = train_datagen.flow_from_directory(
    "data/flower_photos",
    target_size=(64, 64),
    color_mode="grayscale",  # cause
    batch_size=2,
    class_mode="categorical",
)

model = tf.keras.models.Sequential([
    tf.keras.layers.Input(shape=(64, 64, 3)),
    tf.keras.layers.Conv2D(16, (3, 3), activation="relu"),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(train_generator, epochs=1, verbose=0)
