import numpy as np
from tensorflow.keras.applications import MobileNetV2
from tensorflow.keras.applications.mobilenet_v2 import preprocess_input
from tensorflow.keras.preprocessing import image

model = MobileNetV2(weights=None, input_shape=(32, 48, 3), classes=3)

img = image.load_img("data/images/photo.jpg", target_size=(32, 48))
x = image.img_to_array(img)
x = np.expand_dims(x, axis=0)
x = preprocess_input(x)
preds = model.predict(x, verbose=0)
print("class:", preds.argmax(), "of", preds.shape[1])
