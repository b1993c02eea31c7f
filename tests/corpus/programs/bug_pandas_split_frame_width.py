# The frames themselves go to fit; the label was popped inside a helper.
import pandas as pd
from sklearn.model_selection import train_test_split
import keras


def features_and_target(frame, target):
    labels = frame.pop(target)
    return frame, labels


houses = pd.read_csv("data/housing_prices.csv")
houses["age_squared"] = houses["age"] ** 2
X, y = features_and_target(houses, "price")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, epochs=1, batch_size=5, verbose=0)
