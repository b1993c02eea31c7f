from tensorflow import keras

# Train-from-scratch classifier on small thumbnails.
backbone = keras.applications.ResNet50(weights=None, include_top=True, classes=10)

images = keras.random.uniform((1, 96, 96, 3))  # cause
logits = backbone(images)
print(logits.shape)
