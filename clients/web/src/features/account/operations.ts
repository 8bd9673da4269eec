import { graphql } from "../../generated";

export const SessionFields = graphql(`
  fragment SessionFields on AuthPayload {
    token
    refreshToken
    expiresAt
    user {
      id
      name
      email
      role
    }
  }
`);

export const LogIn = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      ...SessionFields
    }
  }
`);

export const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionFields
    }
  }
`);

export const AddressFields = graphql(`
  fragment AddressFields on Address {
    id
    name
    line1
    line2
    city
    postalCode
    country
  }
`);

export const MyAddresses = graphql(`
  query MyAddresses {
    me {
      id
      name
      email
      addresses {
        id
        ...AddressFields
      }
    }
  }
`);

export const AddAddress = graphql(`
  mutation AddAddress($input: AddressInput!) {
    addAddress(input: $input) {
      id
      ...AddressFields
    }
  }
`);

export const RemoveAddress = graphql(`
  mutation RemoveAddress($id: ID!) {
    removeAddress(id: $id) {
      id
      addresses {
        id
      }
    }
  }
`);
