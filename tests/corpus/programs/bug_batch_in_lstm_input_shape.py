from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

BATCH, STEPS, FEATURES = 64, 10, 8

model = Sequential()
model.add(LSTM(32, input_shape=(BATCH, STEPS, FEATURES)))
model.add(Dense(1))
model.compile(loss="mse", optimizer="adam")
