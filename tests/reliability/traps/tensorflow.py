# @prelude
spring("tensorflow-py")
