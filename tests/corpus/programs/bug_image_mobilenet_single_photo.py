# Classify one photo with a small MobileNetV2 (as in the transfer-learning tutorials).
from tensorflow.keras.applications import MobileNetV2
from tensorflow.keras.applications.mobilenet_v2 import preprocess_input
from tensorflow.keras.preprocessing import image

model = MobileNetV2(weights=None, input_shape=(32, 32, 3), classes=3)

img = image.load_img("data/images/photo.jpg", target_size=(32, 32))
x = image.img_to_array(img)
x = preprocess_input(x)
preds = model.predict(x)
print("class:", preds.argmax())
