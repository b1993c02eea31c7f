# Integer class ids from the generator (class_mode="sparse") with a sparse loss.
from tensorflow import keras
from tensorflow.keras.preprocessing.image import ImageDataGenerator

datagen = ImageDataGenerator(rescale=1.0 / 255, validation_split=0.5)
train_gen = datagen.flow_from_directory(
    "data/flower_photos",
    target_size=(32, 32),
    class_mode="sparse",
    batch_size=2,
    subset="training",
)
num_classes = train_gen.num_classes

model = keras.Sequential([
    keras.layers.Input(shape=(32, 32, 3)),
    keras.layers.Conv2D(4, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train_gen, epochs=1, verbose=0)
