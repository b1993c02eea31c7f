# load_img converts every file to the colour mode asked for: the RGBA logo and the grayscale digit
# both come back with three channels by default, and with one for color_mode="grayscale".
import numpy as np
from keras.utils import img_to_array, load_img
from keras import layers, models

rgb_model = models.Sequential([layers.Input((8, 8, 3)), layers.Conv2D(2, 3), layers.Flatten(), layers.Dense(1)])
gray_model = models.Sequential([layers.Input((8, 8, 1)), layers.Conv2D(2, 3), layers.Flatten(), layers.Dense(1)])

paths = ["data/images/logo.png", "data/images/digit.png", "data/images/cat.png"]
batch = np.stack([img_to_array(load_img(p)) for p in paths])
print(rgb_model.predict(batch, verbose=0).shape)

logo = img_to_array(load_img("data/images/logo.png", color_mode="grayscale"))
print(gray_model.predict(logo[np.newaxis], verbose=0).shape)
