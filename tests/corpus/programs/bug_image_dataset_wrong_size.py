# Flower classifier: the photos are loaded at 180x180, the model was written for 224x224.
import keras
from keras import layers

img_height, img_width = 180, 180
train_ds = keras.utils.image_dataset_from_directory(
    "data/flower_photos",
    image_size=(img_height, img_width),
    batch_size=2,
)
class_names = train_ds.class_names
num_classes = len(class_names)

inputs = keras.Input(shape=(224, 224, 3))
x = layers.Rescaling(1.0 / 255)(inputs)
x = layers.Conv2D(8, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
outputs = layers.Dense(num_classes)(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam",
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(train_ds, epochs=1, verbose=0)
