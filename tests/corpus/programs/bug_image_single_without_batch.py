import keras
from keras.utils import img_to_array, load_img

inputs = keras.Input(shape=(8, 8, 3))
x = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(inputs)
x = keras.layers.MaxPooling2D()(x)
x = keras.layers.Flatten()(x)
outputs = keras.layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)

img = load_img("data/images/cat.png", target_size=(8, 8))
img_array = img_to_array(img) / 255.0
print(img_array.shape)
predictions = model.predict(img_array)
print(predictions.argmax())
