# Grayscale, one-hot labels, a model resized inside: the loader's shapes all line up.
import keras
from keras import layers

train_ds = keras.utils.image_dataset_from_directory(
    "data/flower_photos",
    color_mode="grayscale",
    label_mode="categorical",
    image_size=(48, 48),
    batch_size=4,
    shuffle=False,
)

model = keras.Sequential([
    keras.Input(shape=(None, None, 1)),
    layers.Resizing(32, 32),
    layers.Conv2D(8, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=1, verbose=0)
for images, labels in train_ds.take(1):
    print(images.shape, labels.shape)
