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

/** What merging a guest cart at sign-in did: only lines left out or cut down are worth telling. */
export const CartMergeFields = graphql(`
  fragment CartMergeFields on CartMerge {
    merged
    droppedLines {
      quantity
      reason
      product {
        id
        title
      }
    }
    cappedLines {
      requested
      quantity
      product {
        id
        title
      }
    }
  }
`);

export const LogIn = graphql(`
  mutation LogIn($email: String!, $password: String!, $guestCartToken: String) {
    logIn(email: $email, password: $password, guestCartToken: $guestCartToken) {
      ...SessionFields
      cartMerge {
        ...CartMergeFields
      }
    }
  }
`);

export const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionFields
      cartMerge {
        ...CartMergeFields
      }
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
