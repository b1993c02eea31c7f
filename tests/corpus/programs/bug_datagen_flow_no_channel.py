# Data augmentation on MNIST: ImageDataGenerator.flow needs (samples, height, width, channels).
import keras
from tensorflow.keras.preprocessing.image import ImageDataGenerator

(x_train, y_train), _ = keras.datasets.mnist.load_data()
x_train = x_train[:64].astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train[:64], 10)

datagen = ImageDataGenerator(rotation_range=10, width_shift_range=0.1, height_shift_range=0.1)
batches = datagen.flow(x_train, y_train, batch_size=16)
